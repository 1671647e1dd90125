/**
 * Lines of an NDJSON body as they arrive. The writer ends every line with "\n", so text after the last newline
 * when the body ends means the answer broke off mid-line: that is an error, never a line.
 */
export async function* ndjsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Only the new text can hold a newline the buffer did not have (a line may span many chunks).
      const scanFrom = buffer.length;
      buffer += decoder.decode(value, { stream: true });
      let newline = buffer.indexOf("\n", scanFrom);
      while (newline !== -1) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.trim()) yield line;
        newline = buffer.indexOf("\n");
      }
    }
    buffer += decoder.decode();
    if (buffer.trim()) throw new Error("The answer broke off in the middle of a line.");
  } finally {
    await reader.cancel().catch(() => {});
  }
}
