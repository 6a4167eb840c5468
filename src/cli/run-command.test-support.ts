import { Command } from "commander";
import { vi } from "vitest";

/**
 * Runs one command group in-process, as `warden <args…>` would, and gives back what it wrote and the
 * exit code it set. For the CLI's unit tests; the integration suite runs the real binary.
 */
export async function runCommand(
  register: (program: Command) => void,
  args: readonly string[],
): Promise<{ stdout: string; stderr: string; code: number }> {
  const program = new Command("warden").exitOverride();
  register(program);
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    await program.parseAsync(["node", "warden", ...args]);
  } finally {
    vi.restoreAllMocks();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { stdout, stderr, code };
}
