// The parts of R4 CodeSystem, ValueSet and Parameters the terminology services read and write.

/** Any resource as read from a guide package. */
export interface AnyResource {
  resourceType: string;
  id?: string;
  url?: string;
  version?: string;
  [key: string]: unknown;
}

export interface Coding {
  system?: string;
  version?: string;
  code?: string;
  display?: string;
}

export interface Designation {
  language?: string;
  use?: Coding;
  value: string;
}

export interface ConceptProperty {
  code: string;
  valueCode?: string;
  valueCoding?: Coding;
  valueString?: string;
  valueInteger?: number;
  valueBoolean?: boolean;
  valueDateTime?: string;
  valueDecimal?: number;
}

export interface CodeSystemConcept {
  code: string;
  display?: string;
  definition?: string;
  designation?: Designation[];
  property?: ConceptProperty[];
  concept?: CodeSystemConcept[];
}

export interface CodeSystemResource extends AnyResource {
  resourceType: 'CodeSystem';
  url?: string;
  name?: string;
  title?: string;
  status?: string;
  caseSensitive?: boolean;
  content?: string;
  property?: { code: string; uri?: string; description?: string; type?: string }[];
  concept?: CodeSystemConcept[];
}

export interface ComposeFilter {
  property: string;
  op: string;
  value: string;
}

export interface ComposeInclude {
  system?: string;
  version?: string;
  concept?: { code: string; display?: string; designation?: Designation[] }[];
  filter?: ComposeFilter[];
  valueSet?: string[];
}

export interface ValueSetResource extends AnyResource {
  resourceType: 'ValueSet';
  name?: string;
  title?: string;
  status?: string;
  compose?: { inactive?: boolean; include?: ComposeInclude[]; exclude?: ComposeInclude[] };
}

export interface ParametersParameter {
  name: string;
  valueString?: string;
  valueUri?: string;
  valueCode?: string;
  valueBoolean?: boolean;
  valueInteger?: number;
  valueCoding?: Coding;
  valueCodeableConcept?: { coding?: Coding[]; text?: string };
  resource?: AnyResource;
  part?: ParametersParameter[];
  [key: string]: unknown;
}

export interface Parameters {
  resourceType: 'Parameters';
  parameter: ParametersParameter[];
}
