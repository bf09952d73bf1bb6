// npm run org-check -- --region mypurecloud.ie --client-id … --conversation … (see USAGE)
import { runOrgCheckCli } from './org-check/cli';

runOrgCheckCli(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
