import { run } from 'probot';
import { agentZonesApp, optionsFromEnv } from './app.js';
import { agentZonesOctokit, tuningFromEnv } from './octokit.js';

/**
 * `npm start`: Probot's own runner (APP_ID, PRIVATE_KEY / PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, HOST,
 * LOG_LEVEL, GHE_HOST / GHE_PROTOCOL) with the App and its Octokit.
 */
await run(agentZonesApp(optionsFromEnv()), { Octokit: agentZonesOctokit(tuningFromEnv()) });
