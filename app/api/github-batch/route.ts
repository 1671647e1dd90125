import { batchRequest } from "@/lib/github/batch";

export const dynamic = "force-dynamic";

/** Many proxy reads in one request (lib/github/batch); the only method: every other one is a 405 from Next.js. */
export function POST(req: Request): Promise<Response> {
  return batchRequest(req);
}
