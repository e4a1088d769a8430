/** A state of an Amazon States Language definition, as the template has it. */
export type StateDefinition = Record<string, unknown>;

/** Every state of a definition by name, those in branches and iterators too. */
export function statesByName(definition: Record<string, unknown>): Map<string, StateDefinition> {
  const states = new Map<string, StateDefinition>();
  const visit = (machine: { States?: Record<string, StateDefinition> }): void => {
    for (const [name, state] of Object.entries(machine.States ?? {})) {
      states.set(name, state);
      for (const branch of (state.Branches as object[] | undefined) ?? []) visit(branch);
      const iterator = (state.ItemProcessor ?? state.Iterator) as object | undefined;
      if (iterator) visit(iterator);
    }
  };
  visit(definition);
  return states;
}
