// A write that failed for lack of space is a fault nightshift survives, not a crash.

/** True for errors that mean "no space left" (ENOSPC) or "over quota" (EDQUOT). */
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
