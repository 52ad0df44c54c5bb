// Imported first by the command line and each build process (before any library is loaded): see code-cache.ts.
import { installCodeCache } from './code-cache.js';

installCodeCache();
