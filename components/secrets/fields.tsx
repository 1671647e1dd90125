"use client";

import { useId } from "react";
import { checkSecretName } from "@/lib/secrets/names";
import { SECRET_MAX_BYTES, formatBytes, valueBytes } from "@/lib/secrets/value";
import { cn } from "@/components/ui/cn";

export const inputClass =
  "w-full rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm text-gray-900 dark:border-gray-600 dark:bg-gray-950 dark:text-gray-100";

/** The name field, checked as the user types; shows what GitHub will store it as. */
export function SecretNameField({
  value,
  onChange,
  touched,
  readOnly,
}: {
  value: string;
  onChange: (v: string) => void;
  touched: boolean;
  readOnly?: boolean;
}) {
  const id = useId();
  const check = checkSecretName(value);
  const showError = !check.ok && (touched || value.length > 0);
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        Name
      </label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        readOnly={readOnly}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={showError}
        aria-describedby={`${id}-hint`}
        placeholder="YOUR_SECRET_NAME"
        className={cn(inputClass, "font-mono", readOnly && "bg-gray-100 dark:bg-gray-800")}
      />
      <p id={`${id}-hint`} aria-live="polite" className={cn("mt-1 text-xs", showError ? "text-red-700 dark:text-red-400" : "text-gray-700 dark:text-gray-300")}>
        {showError && !check.ok
          ? check.message
          : check.ok && check.name !== value
            ? `Saved as ${check.name} (secret names are upper-case).`
            : "Letters, digits and underscores; not starting with a digit or GITHUB_."}
      </p>
    </div>
  );
}

/** The value field: multi-line, its size counted against the 48 KB limit as the user types. */
export function SecretValueField({
  value,
  onChange,
  touched,
  label = "Secret",
}: {
  value: string;
  onChange: (v: string) => void;
  touched: boolean;
  label?: string;
}) {
  const id = useId();
  const bytes = valueBytes(value);
  const over = bytes > SECRET_MAX_BYTES;
  const empty = touched && value.length === 0;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      {/* No `name` attribute: the value can never be submitted with a form, only sealed by script. */}
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={5}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        data-1p-ignore
        data-lpignore="true"
        aria-invalid={over || empty}
        aria-describedby={`${id}-hint`}
        className={cn(inputClass, "font-mono")}
      />
      <p id={`${id}-hint`} aria-live="polite" className={cn("mt-1 text-xs", over || empty ? "text-red-700 dark:text-red-400" : "text-gray-700 dark:text-gray-300")}>
        {over
          ? `${formatBytes(bytes)}: over the 48 KB limit by ${(bytes - SECRET_MAX_BYTES).toLocaleString("en-US")} bytes. It will not be sent.`
          : empty
            ? "Enter a value."
            : `${formatBytes(bytes)} of 48 KB. Sealed in your browser with GitHub's public key before it is sent.`}
      </p>
    </div>
  );
}
