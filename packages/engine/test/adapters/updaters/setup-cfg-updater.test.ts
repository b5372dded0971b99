import { describeUpdaterFixtures } from './run-updater-fixtures.js';

describeUpdaterFixtures('setup-cfg');
