/** A GitHub-shaped error; thrown anywhere in a handler and turned into a response by app.onError. */
export class GhError extends Error {
  constructor(
    public status: number,
    message: string,
    public extra: { errors?: unknown[]; documentation_url?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

export const DOCS = "https://docs.github.com/enterprise-server@3.19/rest";

export const notFound = () => new GhError(404, "Not Found", { documentation_url: `${DOCS}/actions` });

/** 422 with GitHub's validation body. */
export function invalid(message: string, errors: unknown[] = []) {
  return new GhError(422, message, { errors });
}
