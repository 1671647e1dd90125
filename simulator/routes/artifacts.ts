// Artifacts: list (repo and run), get, delete, download (302 to a signed zip; 410 once expired).
import type { Hono } from "hono";
import type { SimContext, SimEnv } from "../context.js";
import { countWrite } from "../http/access.js";
import { DOCS, GhError, notFound } from "../http/errors.js";
import { paginate } from "../http/pagination.js";
import { route } from "../http/route.js";
import { signedUrl } from "../signing.js";
import { artifactBody } from "../serialize/actions.js";
import type { Artifact, Repo } from "../store/types.js";
import { DOWNLOAD_TTL_SECONDS } from "./logs.js";
import { findRun, intParam, readRepo, writeRepo } from "./runs.js";

function findArtifact(c: SimContext, repo: Repo, id: string | undefined): Artifact {
  const art = c.get("sim").state.artifacts.get(intParam(id));
  if (!art || art.repoId !== repo.id) throw notFound();
  return art;
}

function listResponse(c: SimContext, repo: Repo, list: Artifact[]): Response {
  const page = paginate(c, list);
  return c.json({ total_count: page.total, artifacts: page.items.map((a) => artifactBody(c, repo, a)) });
}

export function register(api: Hono<SimEnv>): void {
  route(api, "GET", "/repos/{owner}/{repo}/actions/artifacts", (c, p) => {
    const repo = readRepo(c, p);
    const name = c.req.query("name");
    const list = [...c.get("sim").state.artifacts.values()]
      .filter((a) => a.repoId === repo.id && (!name || a.name === name))
      .sort((a, b) => b.id - a.id);
    return listResponse(c, repo, list);
  });

  route(api, "GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts", (c, p) => {
    const repo = readRepo(c, p);
    const run = findRun(c, repo, p.run_id);
    const name = c.req.query("name");
    const asc = c.req.query("direction") === "asc";
    const list = [...c.get("sim").state.artifacts.values()]
      .filter((a) => a.runId === run.id && (!name || a.name === name))
      .sort((a, b) => (asc ? a.id - b.id : b.id - a.id));
    return listResponse(c, repo, list);
  });

  route(api, "GET", "/repos/{owner}/{repo}/actions/artifacts/{artifact_id}", (c, p) => {
    const repo = readRepo(c, p);
    return c.json(artifactBody(c, repo, findArtifact(c, repo, p.artifact_id)));
  });

  route(api, "DELETE", "/repos/{owner}/{repo}/actions/artifacts/{artifact_id}", (c, p) => {
    const repo = writeRepo(c, p);
    const art = findArtifact(c, repo, p.artifact_id);
    c.get("sim").state.artifacts.delete(art.id);
    countWrite(c);
    return c.body(null, 204);
  });

  route(api, "GET", "/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}", (c, p) => {
    // Downloading needs a token with `repo` (`public_repo` for a public repository) and read access.
    const repo = readRepo(c, p);
    const art = findArtifact(c, repo, p.artifact_id);
    if (p.archive_format !== "zip") throw notFound();
    if (Date.parse(art.expires_at) <= c.get("sim").now().getTime()) {
      throw new GhError(410, "Artifact has expired", { documentation_url: `${DOCS}/actions/artifacts#download-an-artifact` });
    }
    const url = signedUrl(c, `/_downloads/artifacts/${art.id}/zip`, DOWNLOAD_TTL_SECONDS);
    return new Response(null, { status: 302, headers: { Location: url } });
  });
}
