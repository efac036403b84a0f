/** Who is signed in to the portal, as the pages see them. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
}
