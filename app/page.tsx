import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { serializeApiError } from "@/lib/client/api-error";
import { userQueries } from "@/lib/queries/user";
import { firstError, getServerGitHub, getServerQueryClient } from "@/lib/queries/server";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { HomeClient } from "./home-client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your organizations and repositories" };

export default async function HomePage() {
  const session = await requireUser("/");
  const queryClient = getServerQueryClient();
  const error = await firstError([
    getServerGitHub().then((gh) => queryClient.fetchQuery(userQueries.orgs(gh))),
    getServerGitHub().then((gh) => queryClient.fetchQuery(userQueries.repos(gh))),
  ]);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Your organizations and repositories</h1>
        <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">
          Signed in as <strong>{session.user.login}</strong>
          {session.user.name ? ` (${session.user.name})` : ""} with{" "}
          {session.kind === "oauth" ? "GitHub sign-in" : "a personal access token"}
          {session.scopes.length ? `; scopes: ${session.scopes.join(", ")}` : "; no scopes"}.
        </p>
      </div>
      {error ? (
        <ErrorPanel
          error={serializeApiError(error)}
          what="your organizations and repositories"
          returnTo="/"
        />
      ) : (
        <HydrationBoundary state={dehydrate(queryClient)}>
          <HomeClient />
        </HydrationBoundary>
      )}
    </div>
  );
}
