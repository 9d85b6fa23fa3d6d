/**
 * Dept of Ping: the answers of maubot's echo plugin ("pingbot") in the configured ping room, and
 * the week's ranking of homeservers by their median delay. Depends on nothing of twimbot's own, so
 * intake, store, publish and render may all use it.
 */
package org.twimbot.ping;
