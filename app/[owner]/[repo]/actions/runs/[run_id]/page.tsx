import type { Metadata } from "next";
import { RunPageServer, runPageMetadata } from "@/components/runs/run-page/server";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ owner: string; repo: string; run_id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return runPageMetadata(await params);
}

/** A workflow run: header, timeline, jobs, artifacts, timing and its actions (latest attempt). */
export default async function RunRoute({ params }: Props) {
  return RunPageServer(await params);
}
