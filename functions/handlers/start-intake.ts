// Placeholder while the handler is being written in this same change.
export const handler = async (event: unknown): Promise<unknown> => event;
