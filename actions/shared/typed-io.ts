import * as core from '@actions/core';

/**
 * Input and output accessors restricted to the names an action declares (its `INPUT_NAMES` / `OUTPUT_NAMES`, which
 * the contract test compares with action.yml): a misspelt name is a type error instead of a silently empty input.
 */
export function typedIO<const I extends readonly string[], const O extends readonly string[]>(_inputs: I, _outputs: O) {
  return {
    /** The trimmed input, '' when unset. */
    input: (name: I[number]): string => core.getInput(name).trim(),
    output: (name: O[number], value: string): void => core.setOutput(name, value),
  };
}
