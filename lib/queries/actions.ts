/**
 * Query factories for the runs page, the workflow page and the artifacts page: filtered run lists
 * (repo-wide or one workflow's), one workflow, its timing, a workflow file at a ref, branches and
 * every artifact of a repository. Keys sit under the repo's, so invalidating `runKeys.lists` or
 * `workflowKeys.all` refreshes them.
 */
import { queryOptions } from "@tanstack/react-query";
import type { Endpoints } from "@octokit/types";
import { ApiError } from "@/lib/client/api-error";
import { runsRequest, type RunFilterState } from "@/lib/runs/filters";
import { paginateAll, type GitHubClient } from "./client";
import { liveRefetchInterval } from "./polling";
import { repoKeys } from "./repos";
import { runKeys, type RunsPage } from "./runs";
import { workflowKeys, type Workflow } from "./workflows";

export type Artifact =
  Endpoints["GET /repos/{owner}/{repo}/actions/artifacts"]["response"]["data"]["artifacts"][number];
export type Branch = Endpoints["GET /repos/{owner}/{repo}/branches"]["response"]["data"][number];
export type WorkflowTiming =
  Endpoints["GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/timing"]["response"]["data"];

/** A filtered page of runs with the workflow resolved to its id or file (undefined = all workflows). */
export interface RunsListFilters extends RunFilterState {
  workflow?: string | undefined;
}

export const actionsKeys = {
  runsPage: (owner: string, repo: string, filters: RunsListFilters, perPage: number) =>
    [...runKeys.lists(owner, repo), "filtered", runsRequest(filters, perPage)] as const,
  workflow: (owner: string, repo: string, file: string) =>
    [...workflowKeys.all(owner, repo), "detail", file] as const,
  timing: (owner: string, repo: string, file: string) =>
    [...workflowKeys.all(owner, repo), "timing", file] as const,
  file: (owner: string, repo: string, path: string, ref: string) =>
    [...repoKeys.detail(owner, repo), "contents", path, ref] as const,
  branches: (owner: string, repo: string) => [...repoKeys.detail(owner, repo), "branches"] as const,
  artifacts: (owner: string, repo: string) => [...repoKeys.detail(owner, repo), "artifacts"] as const,
};

/** `.github/workflows/ci.yml` → `/repos/{owner}/{repo}/contents/.github/workflows/ci.yml` (segments encoded, `/` kept). */
export function contentsRoute(path: string): string {
  return `GET /repos/{owner}/{repo}/contents/${path.split("/").map(encodeURIComponent).join("/")}`;
}

/** Base64 (as the contents API sends it, with line breaks) → UTF-8 text. */
export function decodeBase64Utf8(content: string): string {
  const binary = atob(content.replace(/\s+/g, ""));
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export const actionsQueries = {
  /** One page of runs, filtered; polls with ETags while a shown run is queued or in progress. */
  runsPage: (client: GitHubClient, owner: string, repo: string, filters: RunsListFilters, perPage: number) =>
    queryOptions({
      queryKey: actionsKeys.runsPage(owner, repo, filters, perPage),
      queryFn: async (): Promise<RunsPage> => {
        const { workflow_id, params } = runsRequest(filters, perPage);
        if (workflow_id) {
          return (
            await client.request("GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", {
              owner,
              repo,
              workflow_id,
              ...params,
            })
          ).data;
        }
        return (await client.request("GET /repos/{owner}/{repo}/actions/runs", { owner, repo, ...params }))
          .data;
      },
      staleTime: 5_000,
      placeholderData: (previous) => previous,
      refetchInterval: liveRefetchInterval<RunsPage>((data) => data.workflow_runs),
    }),

  workflow: (client: GitHubClient, owner: string, repo: string, file: string) =>
    queryOptions({
      queryKey: actionsKeys.workflow(owner, repo, file),
      queryFn: async (): Promise<Workflow> =>
        (
          await client.request("GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}", {
            owner,
            repo,
            workflow_id: file,
          })
        ).data,
      staleTime: 60_000,
    }),

  /** The workflow's billable timing, or `null` when the server does not offer it (404, e.g. GHES). */
  timing: (client: GitHubClient, owner: string, repo: string, file: string) =>
    queryOptions({
      queryKey: actionsKeys.timing(owner, repo, file),
      queryFn: async (): Promise<WorkflowTiming | null> => {
        try {
          return (
            await client.request("GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/timing", {
              owner,
              repo,
              workflow_id: file,
            })
          ).data;
        } catch (error) {
          if (error instanceof ApiError && error.status === 404) return null;
          throw error;
        }
      },
      staleTime: 5 * 60_000,
      retry: false,
    }),

  /** A file's text at a ref (through the contents API, base64 decoded). */
  file: (client: GitHubClient, owner: string, repo: string, path: string, ref: string) =>
    queryOptions({
      queryKey: actionsKeys.file(owner, repo, path, ref),
      queryFn: async (): Promise<string> => {
        const data = (await client.request(contentsRoute(path), { owner, repo, ref })).data as {
          type?: string;
          content?: string;
          encoding?: string;
        };
        if (data.type !== "file" || typeof data.content !== "string") {
          throw new Error(`${path} at ${ref} is not a file.`);
        }
        return data.encoding === "base64" ? decodeBase64Utf8(data.content) : data.content;
      },
      staleTime: 60_000,
      retry: false,
    }),

  branches: (client: GitHubClient, owner: string, repo: string) =>
    queryOptions({
      queryKey: actionsKeys.branches(owner, repo),
      queryFn: () => paginateAll<Branch>(client, "GET /repos/{owner}/{repo}/branches", { owner, repo }),
      staleTime: 60_000,
    }),

  /** Every artifact of the repository (all pages). */
  artifacts: (client: GitHubClient, owner: string, repo: string) =>
    queryOptions({
      queryKey: actionsKeys.artifacts(owner, repo),
      queryFn: () =>
        paginateAll<Artifact>(
          client,
          "GET /repos/{owner}/{repo}/actions/artifacts",
          { owner, repo },
          "artifacts",
        ),
      staleTime: 30_000,
    }),
};

