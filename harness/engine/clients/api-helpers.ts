export function labelFilter(label: string, value?: string): string {
  return value === undefined ? label : `${label}=${value}`;
}

/** Removal is idempotent: something already gone is what we wanted. */
export async function ignoreNotFound(operation: Promise<unknown>): Promise<void> {
  try {
    await operation;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
}

/**
 * runc sometimes loses its init process while setting a container up ("read init-p: connection
 * reset by peer"), seen on a loaded nested engine: the same start succeeds when tried again.
 */
export function isTransientRuntimeFailure(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /read init-p: connection reset by peer|waiting for init preliminary setup/.test(message);
}

/** Runs `operation` again, once, when it failed for a transient runtime reason only. */
export async function retryTransient<T>(operation: () => Promise<T>, beforeRetry: () => Promise<void> = async () => undefined): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!isTransientRuntimeFailure(error)) throw error;
    await beforeRetry();
    return operation();
  }
}
