import { CopyButton } from "@/components/ui/CopyButton";

/** One shell command with a copy button. */
export function CodeLine({ command, label, testId }: { command: string; label: string; testId?: string }) {
  return (
    <div className="flex items-start gap-2">
      <pre
        className="min-w-0 flex-1 overflow-x-auto rounded-md bg-gray-100 px-3 py-2 font-mono text-xs text-gray-900 dark:bg-gray-800 dark:text-gray-100"
        data-testid={testId}
      >
        <code>{command}</code>
      </pre>
      <CopyButton value={command} label={label} />
    </div>
  );
}
