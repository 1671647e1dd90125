import Link from "next/link";
import { Avatar } from "@/components/ui/Avatar";
import { buttonClasses } from "@/components/ui/Button";
import { OpenOnGitHub } from "./OpenOnGitHub";
import { ShellBreadcrumbs } from "./ShellBreadcrumbs";
import { SignOutButton } from "./SignOutButton";
import { Switcher } from "./Switcher";

export interface HeaderUser {
  login: string;
  name: string | null;
  avatar_url: string;
}

/** The shell: skip link, product name, switcher, the signed-in user and sign-out; then breadcrumbs and "Open on GitHub". */
export function Header({ user, webUrl }: { user: HeaderUser | null; webUrl: string }) {
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:text-gray-900 focus:shadow"
      >
        Skip to content
      </a>
      <header>
        <div className="border-b border-gray-200 bg-gray-50 dark:border-gray-800 dark:bg-gray-900">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-2">
            <Link href="/" className="flex items-center gap-2 font-semibold text-gray-900 dark:text-gray-100">
              <svg aria-hidden="true" viewBox="0 0 16 16" width="20" height="20" fill="currentColor">
                <path d="M8 0a8 8 0 1 1 0 16A8 8 0 0 1 8 0ZM1.5 8a6.5 6.5 0 1 0 13 0 6.5 6.5 0 0 0-13 0Zm4.879-2.773 4.264 2.559a.25.25 0 0 1 0 .428l-4.264 2.559A.25.25 0 0 1 6 10.559V5.442a.25.25 0 0 1 .379-.215Z" />
              </svg>
              Actions Console
            </Link>
            {user ? (
              <nav aria-label="Organizations and repositories">
                <Switcher />
              </nav>
            ) : null}
            <div className="ml-auto flex items-center gap-3">
              {user ? (
                <>
                  <span
                    className="flex items-center gap-2 text-sm text-gray-800 dark:text-gray-200"
                    data-testid="signed-in-user"
                  >
                    <Avatar src={user.avatar_url} name={user.login} size={24} decorative />
                    <span>
                      <span className="sr-only">Signed in as </span>
                      <span className="font-medium">{user.login}</span>
                    </span>
                  </span>
                  <SignOutButton />
                </>
              ) : (
                <Link href="/login" className={buttonClasses("secondary", "sm")}>
                  Sign in
                </Link>
              )}
            </div>
          </div>
        </div>
        <div className="bg-white dark:bg-gray-950">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-2 px-4 pt-3">
            <ShellBreadcrumbs />
            <OpenOnGitHub webUrl={webUrl} className="ml-auto text-sm" />
          </div>
        </div>
      </header>
    </>
  );
}
