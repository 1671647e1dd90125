import type { Metadata } from "next";
import { RunPageServer, runPageMetadata } from "@/components/runs/run-page/server";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ owner: string; repo: string; run_id: string; attempt: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return runPageMetadata(await params);
}

/** One attempt of a workflow run (GitHub's `/attempts/{n}`). */
export default async function RunAttemptRoute({ params }: Props) {
  return RunPageServer(await params);
}
