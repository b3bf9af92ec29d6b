// The `meshaware` executable: runs main on the process's arguments and streams.
import { PROCESS_IO } from './io';
import { main } from './main';
import { writeText } from './terminal';

main(process.argv.slice(2), PROCESS_IO).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    writeText(process.stderr, `meshaware: ${String(e)}\n`);
    process.exitCode = 1;
  },
);
