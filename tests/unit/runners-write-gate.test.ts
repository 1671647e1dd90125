// The write gate's controls as React renders them (server markup: no DOM needed).
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AccessReason, GatedButtonLink, WriteAccessProvider, useWriteGate } from "@/components/runners/WriteAccess";

function Delete() {
  const gate = useWriteGate();
  return h("div", null, h("button", { disabled: false, ...gate.control("delete") }, "Delete"), h(AccessReason, { gate, part: "delete" }));
}

const closed = { allowed: false as const, reason: "Only organization owners can do this; you are a member." };

describe("write gate controls", () => {
  it("disable the control, described by the reason shown next to it", () => {
    const html = renderToStaticMarkup(h(WriteAccessProvider, { access: closed, children: h(Delete) }));
    const id = /aria-describedby="([^"]+)"/.exec(html)?.[1];
    expect(html).toContain("disabled");
    expect(id).toBeTruthy();
    expect(html).toContain(`<p id="${id}" data-testid="write-access-reason"`);
    expect(html).toContain(closed.reason);
  });

  it("leave the control alone when writes are allowed", () => {
    const html = renderToStaticMarkup(h(WriteAccessProvider, { access: { allowed: true }, children: h(Delete) }));
    expect(html).toBe("<div><button>Delete</button></div>");
  });

  it("turn a link to a write form into a disabled button with the reason", () => {
    const html = renderToStaticMarkup(h(WriteAccessProvider, { access: closed, children: h(GatedButtonLink, { href: "/x/new", children: "New runner group" }) }));
    expect(html).not.toContain("href");
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>New runner group<\/button>/);
    expect(html).toContain(closed.reason);
  });
});
