import type { Metadata } from "next";
import Link from "next/link";
import { getPublicSession } from "@/lib/auth/session";
import { safeReturnTo } from "@/lib/auth/return-to";
import { loginError } from "@/lib/client/login-messages";
import { Alert } from "@/components/ui/Alert";
import { buttonClasses } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { TokenForm } from "./token-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const returnTo = safeReturnTo(first(params.returnTo));
  const error = loginError(first(params.error));
  const signedOut = first(params.signedOut) === "1";
  const session = await getPublicSession();
  const oauthHref = `/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`;

  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold">Sign in to Actions Console</h1>

      {error ? (
        <Alert tone="danger" title={error.title} role="alert">
          <p>{error.detail}</p>
        </Alert>
      ) : null}
      {signedOut && !error ? (
        <Alert tone="success" title="Signed out" role="status">
          <p>Your session was cleared{session ? "" : "; a GitHub sign-in token was also revoked"}.</p>
        </Alert>
      ) : null}
      {session && !signedOut ? (
        <Alert tone="info" title={`You are signed in as ${session.user.login}`} role="status">
          <p>
            Signing in again replaces this session.{" "}
            <Link href={returnTo} className="font-medium underline">
              Continue as {session.user.login}
            </Link>
          </p>
        </Alert>
      ) : null}

      <Card title="Sign in with GitHub" titleId="oauth-heading">
        <p className="mb-3 text-sm text-gray-700 dark:text-gray-300">
          You will be sent to your GitHub server to approve access (scopes repo, admin:org, workflow,
          read:user), then brought back
          {returnTo !== "/" ? (
            <>
              {" "}
              to <code className="font-mono">{returnTo}</code>
            </>
          ) : null}
          .
        </p>
        <a href={oauthHref} className={buttonClasses("primary")} data-testid="oauth-sign-in">
          Sign in with GitHub
        </a>
      </Card>

      <Card title="Use a personal access token" titleId="pat-heading">
        <TokenForm returnTo={returnTo} />
      </Card>
    </div>
  );
}
