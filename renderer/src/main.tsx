import '@xyflow/react/dist/style.css';
import './styles.css';
import { beginStartupOpen, connectEvents } from './bridgeClient';
import { startTheme } from './desktop/theme';

// The page's first script, small on purpose: it connects the event stream and asks for the startup
// model before the app's code (React, the canvas, the panels) has loaded, so the host's answer comes
// while that code loads and runs. The app takes the open over (`openStartupModel` in the store).
connectEvents();
beginStartupOpen();
void import('./app');
// While the page waits for the network: the theme (a storage read) before anything is painted.
startTheme();
