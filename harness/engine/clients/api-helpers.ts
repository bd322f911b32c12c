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
