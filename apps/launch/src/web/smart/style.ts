/** SMART styling hints (smart_style_url) the app applies: https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#styling */
export interface SmartStyle {
  color_background?: string;
  color_highlight?: string;
  color_text?: string;
  color_error?: string;
  font_family_body?: string;
  dim_border_radius?: string;
}

const SAFE = /^[#\w\s(),.%"'-]{1,120}$/;

/** The hints as CSS custom properties the stylesheet reads (anything that is not a plain value is skipped). */
export function styleVariables(style: SmartStyle): Record<string, string> {
  const pairs: [string, string | undefined][] = [
    ['--smart-highlight', style.color_highlight],
    ['--smart-accent', style.color_highlight],
    ['--smart-page', style.color_background],
    ['--smart-text', style.color_text],
    ['--smart-error', style.color_error],
    ['--smart-font', style.font_family_body],
    ['--smart-radius', style.dim_border_radius],
  ];
  return Object.fromEntries(
    pairs.filter((pair): pair is [string, string] => !!pair[1] && SAFE.test(pair[1])),
  );
}

/** Fetches the EHR's styling hints and applies them to the page; a failure leaves the app's own look. */
export async function applySmartStyle(url: string | undefined): Promise<Record<string, string>> {
  if (!url) return {};
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    if (!response.ok) return {};
    const variables = styleVariables((await response.json()) as SmartStyle);
    for (const [name, value] of Object.entries(variables))
      document.documentElement.style.setProperty(name, value);
    return variables;
  } catch {
    return {};
  }
}
