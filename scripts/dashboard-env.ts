import { randomBytes } from "node:crypto";

/** The OAuth app the simulator seeds; the demo and the tests sign in through it. */
export const SIM_OAUTH = {
  clientId: "Iv1.simdemo0000000001",
  clientSecret: "simdemo-secret-0000000000000000000000000",
};

/** The environment the dashboard needs, pointed at a simulator. */
export function dashboardEnv(simUrl: string, appUrl: string): Record<string, string> {
  return {
    GITHUB_API_URL: `${simUrl}/api/v3`,
    GITHUB_WEB_URL: simUrl,
    GITHUB_CLIENT_ID: SIM_OAUTH.clientId,
    GITHUB_CLIENT_SECRET: SIM_OAUTH.clientSecret,
    SESSION_SECRET: randomBytes(32).toString("hex"),
    APP_URL: appUrl,
  };
}
