// Login throttling counts in fixed wall-clock windows (see LoginThrottleService), so a test whose
// attempts straddle a window's end sees its counts restart half-way. Tests that count call this
// first: it waits out the current window when less than `marginMs` of it is left.

/** The API's default PACTROOM_LOGIN_WINDOW_SECONDS. */
export const DEFAULT_LOGIN_WINDOW_SECONDS = 900;

export async function clearOfLoginWindowEdge(
  windowSeconds = DEFAULT_LOGIN_WINDOW_SECONDS,
  marginMs = 30_000,
): Promise<void> {
  const windowMs = windowSeconds * 1000;
  const leftMs = windowMs - (Date.now() % windowMs);
  if (leftMs < marginMs) {
    await new Promise((resolve) => setTimeout(resolve, leftMs + 100));
  }
}
