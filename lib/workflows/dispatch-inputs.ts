/**
 * The "Run workflow" form's model: a workflow file's `on.workflow_dispatch.inputs`, parsed with the
 * `yaml` package, the form's initial values, validation before anything is sent, and the
 * `inputs` object for `POST .../workflows/{workflow_id}/dispatches`. Pure and unit-tested.
 */
import { parse } from "yaml";

export type DispatchInputType = "string" | "boolean" | "choice" | "number" | "environment";

export interface DispatchInput {
  name: string;
  description: string;
  type: DispatchInputType;
  required: boolean;
  /** The default as the form shows it ("" when none; "true"/"false" for booleans). */
  default: string;
  /** Choice options. */
  options: string[];
}

export type DispatchSpec =
  | { ok: true; dispatchable: true; inputs: DispatchInput[] }
  | { ok: true; dispatchable: false }
  | { ok: false; error: string };

const TYPES: readonly string[] = ["string", "boolean", "choice", "number", "environment"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}

/** Reads the dispatch inputs of a workflow file's text. */
export function parseDispatchInputs(text: string): DispatchSpec {
  let doc: unknown;
  try {
    doc = parse(text, { uniqueKeys: false });
  } catch (error) {
    return {
      ok: false,
      error: `The workflow file is not valid YAML: ${(error as Error).message.split("\n")[0] ?? ""}`,
    };
  }
  if (!isRecord(doc)) return { ok: false, error: "The workflow file is not a YAML mapping." };
  // YAML 1.1 readers turn a bare `on` key into `true`; the yaml package (1.2) keeps "on", but accept both.
  const on: unknown = doc.on ?? doc.true;
  if (typeof on === "string")
    return on === "workflow_dispatch"
      ? { ok: true, dispatchable: true, inputs: [] }
      : { ok: true, dispatchable: false };
  if (Array.isArray(on)) {
    return on.includes("workflow_dispatch")
      ? { ok: true, dispatchable: true, inputs: [] }
      : { ok: true, dispatchable: false };
  }
  if (!isRecord(on) || !("workflow_dispatch" in on)) return { ok: true, dispatchable: false };
  const dispatch = on.workflow_dispatch;
  const rawInputs = isRecord(dispatch) ? dispatch.inputs : undefined;
  if (rawInputs === undefined || rawInputs === null) return { ok: true, dispatchable: true, inputs: [] };
  if (!isRecord(rawInputs)) return { ok: false, error: "`on.workflow_dispatch.inputs` is not a mapping." };

  const inputs: DispatchInput[] = [];
  for (const [name, rawDef] of Object.entries(rawInputs)) {
    const def = isRecord(rawDef) ? rawDef : {};
    const rawType = scalarText(def.type) || "string";
    if (!TYPES.includes(rawType)) {
      return {
        ok: false,
        error: `Input “${name}” has the type “${rawType}”, which workflow_dispatch does not support.`,
      };
    }
    const type = rawType as DispatchInputType;
    const options = Array.isArray(def.options) ? def.options.map(scalarText) : [];
    if (type === "choice" && options.length === 0) {
      return { ok: false, error: `Input “${name}” is a choice without options.` };
    }
    let fallback = scalarText(def.default);
    if (type === "boolean") fallback = fallback === "true" ? "true" : "false";
    inputs.push({
      name,
      description: scalarText(def.description),
      type,
      required: def.required === true || def.required === "true",
      default: fallback,
      options,
    });
  }
  return { ok: true, dispatchable: true, inputs };
}

export type DispatchValues = Record<string, string>;

/** The form's first values: each input's default (a choice without a default: its first option). */
export function initialValues(inputs: readonly DispatchInput[]): DispatchValues {
  const values: DispatchValues = {};
  for (const input of inputs) {
    values[input.name] =
      input.type === "choice" && input.default === "" ? (input.options[0] ?? "") : input.default;
  }
  return values;
}

/** Problems per input name; empty when the form may be sent. */
export function validateDispatch(
  inputs: readonly DispatchInput[],
  values: DispatchValues,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const input of inputs) {
    const value = (values[input.name] ?? "").trim();
    if (input.required && value === "" && input.type !== "boolean") {
      errors[input.name] = `${input.name} is required.`;
      continue;
    }
    if (value === "") continue;
    if (input.type === "number" && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value)) {
      errors[input.name] = `${input.name} must be a number.`;
    } else if (input.type === "choice" && !input.options.includes(value)) {
      errors[input.name] = `${input.name} must be one of: ${input.options.join(", ")}.`;
    } else if (input.type === "boolean" && value !== "true" && value !== "false") {
      errors[input.name] = `${input.name} must be true or false.`;
    }
  }
  return errors;
}

/**
 * The `inputs` object to send: every input as the string GitHub expects. Empty optional numbers and
 * environments are left out (the workflow's default then applies); an emptied string is sent as ""
 * so clearing a default means what it says.
 */
export function dispatchPayload(
  inputs: readonly DispatchInput[],
  values: DispatchValues,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const input of inputs) {
    const raw = values[input.name] ?? "";
    const value = input.type === "string" ? raw : raw.trim();
    if (input.type === "boolean") out[input.name] = value === "true" ? "true" : "false";
    else if ((input.type === "number" || input.type === "environment") && value === "") continue;
    else out[input.name] = value;
  }
  return out;
}

/** A branch name → the `ref` to dispatch to; rejects what git never allows before sending. */
export function refError(ref: string): string | undefined {
  const value = ref.trim();
  if (value === "") return "Choose a branch.";
  if (/[\s~^:?*[\\]|\.\.|@\{|\/\/|^\/|\/$|\.lock$|\.$/.test(value))
    return `“${value}” is not a valid branch name.`;
  return undefined;
}
