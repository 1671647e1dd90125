import Link from "next/link";
import { buttonClasses } from "@/components/ui/Button";

export const metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-gray-700 dark:text-gray-300">
        There is no dashboard page at this address. Dashboard URLs mirror GitHub&apos;s: replace the GitHub
        host with this dashboard&apos;s, for example <code className="font-mono">/acme/web/actions</code>.
      </p>
      <Link href="/" className={buttonClasses("secondary")}>
        Go to your organizations and repositories
      </Link>
    </div>
  );
}
