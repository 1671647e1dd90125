/**
 * Whether a promise has already settled, answered within the current turn of microtasks. Both sides of
 * the race go through one `then`, so an already settled `p` wins it and a pending one loses it.
 */
export const settled = (p: Promise<unknown>): Promise<boolean> =>
  Promise.race([
    p.then(
      () => true,
      () => true,
    ),
    Promise.resolve().then(() => false),
  ]);
