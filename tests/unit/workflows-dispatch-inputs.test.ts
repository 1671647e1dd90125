import { describe, expect, it } from "vitest";
import {
  dispatchPayload,
  initialValues,
  parseDispatchInputs,
  refError,
  validateDispatch,
  type DispatchInput,
} from "@/lib/workflows/dispatch-inputs";

const DEPLOY = `name: Deploy
on:
  workflow_dispatch:
    inputs:
      environment:
        description: Target environment
        type: environment
        required: true
      version:
        description: Version
        type: string
        required: true
        default: latest
      log_level:
        type: choice
        options: [info, debug, warning]
        default: info
      dry_run:
        type: boolean
        default: false
      replicas:
        type: number
        default: 2
      notes:
        description: Notes
        required: false
jobs:
  build:
    runs-on: ubuntu-latest
    steps: [{ run: echo }]
`;

function inputsOf(text: string): DispatchInput[] {
  const spec = parseDispatchInputs(text);
  if (!spec.ok || !spec.dispatchable) throw new Error("not dispatchable");
  return spec.inputs;
}

describe("parseDispatchInputs", () => {
  it("reads every input type, required flags and defaults", () => {
    expect(inputsOf(DEPLOY)).toEqual([
      {
        name: "environment",
        description: "Target environment",
        type: "environment",
        required: true,
        default: "",
        options: [],
      },
      {
        name: "version",
        description: "Version",
        type: "string",
        required: true,
        default: "latest",
        options: [],
      },
      {
        name: "log_level",
        description: "",
        type: "choice",
        required: false,
        default: "info",
        options: ["info", "debug", "warning"],
      },
      { name: "dry_run", description: "", type: "boolean", required: false, default: "false", options: [] },
      { name: "replicas", description: "", type: "number", required: false, default: "2", options: [] },
      { name: "notes", description: "Notes", type: "string", required: false, default: "", options: [] },
    ]);
  });
  it("workflow_dispatch without inputs, as a string or in a list", () => {
    expect(parseDispatchInputs("on: workflow_dispatch\njobs: {}")).toEqual({
      ok: true,
      dispatchable: true,
      inputs: [],
    });
    expect(parseDispatchInputs("on: [push, workflow_dispatch]\njobs: {}")).toEqual({
      ok: true,
      dispatchable: true,
      inputs: [],
    });
    expect(parseDispatchInputs("on:\n  workflow_dispatch:\n  push:\njobs: {}")).toEqual({
      ok: true,
      dispatchable: true,
      inputs: [],
    });
  });
  it("not dispatchable", () => {
    expect(parseDispatchInputs("on: [push, pull_request]\njobs: {}")).toEqual({
      ok: true,
      dispatchable: false,
    });
    expect(parseDispatchInputs("on:\n  push:\n    branches: [main]\n")).toEqual({
      ok: true,
      dispatchable: false,
    });
    expect(parseDispatchInputs("on: push")).toEqual({ ok: true, dispatchable: false });
  });
  it("bad files give a message", () => {
    expect(parseDispatchInputs("on: [push\n")).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not valid YAML/) as unknown,
    });
    expect(parseDispatchInputs("- a\n- b")).toMatchObject({ ok: false });
    expect(
      parseDispatchInputs("on:\n  workflow_dispatch:\n    inputs:\n      x:\n        type: date\n"),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/does not support/) as unknown,
    });
    expect(
      parseDispatchInputs("on:\n  workflow_dispatch:\n    inputs:\n      x:\n        type: choice\n"),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/without options/) as unknown,
    });
  });
  it("boolean defaults given as strings; required given as a string", () => {
    const [flag, name] = inputsOf(
      "on:\n  workflow_dispatch:\n    inputs:\n      flag:\n        type: boolean\n        default: 'true'\n      name:\n        required: 'true'\n",
    );
    expect(flag?.default).toBe("true");
    expect(name).toMatchObject({ type: "string", required: true });
  });
});

describe("values, validation and payload", () => {
  const inputs = inputsOf(DEPLOY);
  it("initial values are the defaults (a choice falls back to its first option)", () => {
    expect(initialValues(inputs)).toEqual({
      environment: "",
      version: "latest",
      log_level: "info",
      dry_run: "false",
      replicas: "2",
      notes: "",
    });
    expect(
      initialValues([
        { name: "c", description: "", type: "choice", required: false, default: "", options: ["a", "b"] },
      ]),
    ).toEqual({ c: "a" });
  });
  it("required, number and choice errors before sending", () => {
    expect(
      validateDispatch(inputs, {
        environment: " ",
        version: "",
        log_level: "loud",
        dry_run: "maybe",
        replicas: "two",
      }),
    ).toEqual({
      environment: "environment is required.",
      version: "version is required.",
      log_level: "log_level must be one of: info, debug, warning.",
      dry_run: "dry_run must be true or false.",
      replicas: "replicas must be a number.",
    });
    expect(validateDispatch(inputs, { ...initialValues(inputs), environment: "staging" })).toEqual({});
    expect(
      validateDispatch(inputs, { ...initialValues(inputs), environment: "prod", replicas: "-1.5e2" }),
    ).toEqual({});
  });
  it("payload: strings for every type; empty optional number/environment left out", () => {
    expect(
      dispatchPayload(inputs, {
        environment: "staging",
        version: "v1.2.3",
        log_level: "debug",
        dry_run: "true",
        replicas: " 3 ",
        notes: "",
      }),
    ).toEqual({
      environment: "staging",
      version: "v1.2.3",
      log_level: "debug",
      dry_run: "true",
      replicas: "3",
      notes: "",
    });
    expect(dispatchPayload(inputs, { environment: "", version: "x", dry_run: "", replicas: "" })).toEqual({
      version: "x",
      log_level: "",
      dry_run: "false",
      notes: "",
    });
  });
});

describe("refError", () => {
  it("checks branch names", () => {
    expect(refError("main")).toBeUndefined();
    expect(refError("release/v1.2")).toBeUndefined();
    expect(refError("")).toBe("Choose a branch.");
    expect(refError("bad name")).toMatch(/not a valid branch/);
    expect(refError("a..b")).toMatch(/not a valid branch/);
    expect(refError("x.lock")).toMatch(/not a valid branch/);
  });
});
