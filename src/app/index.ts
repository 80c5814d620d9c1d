import { agentZonesApp, optionsFromEnv } from './app.js';

/** The entry `probot run` loads (`npm start`): options from the environment. */
export default agentZonesApp(optionsFromEnv());
