import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { getPublicSession } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { Header } from "@/components/shell/Header";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Actions Console", template: "%s · Actions Console" },
  description:
    "Manage GitHub Actions on GitHub Enterprise Server: runners, secrets, permissions, workflows and runs.",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f9fafb" },
    { media: "(prefers-color-scheme: dark)", color: "#111827" },
  ],
};

// Every page depends on the session cookie and the runtime configuration: nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [session, config] = await Promise.all([getPublicSession(), Promise.resolve(getConfig())]);
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-gray-900 dark:bg-gray-950 dark:text-gray-100">
        <Providers>
          <Header user={session?.user ?? null} webUrl={config.webUrl} />
          <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
