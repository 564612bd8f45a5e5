import 'reflect-metadata';

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes instance settings under N8N_USER_FOLDER; keep tests away from $HOME. One folder per
// test file (workers must not race on one settings file), inside the run's temporary folder that
// the global teardown removes (test/support/tempRoot.ts).
process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'coreplus-n8n-'));
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';
// A fixed key for the throw-away instance settings, so n8n-core does not generate and announce one.
process.env.N8N_ENCRYPTION_KEY ??= 'coreplus-tests-only-key';
