// Validates the configuration once when the server starts, so a mistake stops it with a clear message
// instead of surfacing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { checkConfig } = await import("./lib/config");
  const result = checkConfig();
  if (!result.ok) {
    throw new Error(`Actions Console cannot start: invalid configuration:\n  - ${result.problems.join("\n  - ")}`);
  }
  const [{ installMethodGuard }, http] = await Promise.all([import("./lib/security/method-guard"), import("node:http")]);
  installMethodGuard(http.Server);
}
