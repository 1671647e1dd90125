/** What each `/login?error=` code means, and what to do (pure; shared by the login page). */
export const LOGIN_ERRORS: Record<string, { title: string; detail: string }> = {
  state: {
    title: "Sign-in could not be verified",
    detail:
      "The sign-in response did not match the one this browser started (its state check failed), so it was refused. This happens when sign-in takes too long, is started in another tab, or the link was forged. Start again.",
  },
  denied: {
    title: "Sign-in was cancelled",
    detail: "GitHub reported that access was not granted. Start again and authorize the app.",
  },
  code: {
    title: "The sign-in code was not accepted",
    detail: "GitHub's one-time code was invalid or expired. Start again.",
  },
  exchange: {
    title: "GitHub refused to issue a token",
    detail:
      "The OAuth app's client id or secret may be wrong, or the app was deleted. An administrator should check the configuration.",
  },
  unreachable: {
    title: "GitHub could not be reached",
    detail: "The dashboard server could not contact GitHub to finish signing in. Try again in a moment.",
  },
  token: {
    title: "The new token did not work",
    detail: "GitHub rejected the token it just issued. Try again.",
  },
  upstream: {
    title: "GitHub had a problem",
    detail: "GitHub answered with an error while signing you in. Try again in a moment.",
  },
  config: {
    title: "The dashboard is not configured",
    detail: "Sign-in is unavailable until an administrator fixes the configuration (see the server log).",
  },
  expired: {
    title: "Your session ended",
    detail: "Your session expired or your token was revoked. Sign in again to continue.",
  },
};

export function loginError(code: string | undefined): { title: string; detail: string } | undefined {
  if (!code) return undefined;
  return (
    LOGIN_ERRORS[code] ?? {
      title: "Sign-in failed",
      detail: `Something went wrong (${code.slice(0, 40)}). Try again.`,
    }
  );
}
