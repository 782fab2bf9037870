/**
 * Text for messages: {@link io.dispatch.lifecycle.text.OneLine} turns what came from outside (a
 * daemon's or a server's answer, an exception's message) into one line of a message. It depends on
 * nothing; every package that writes such messages depends on it.
 */
package io.dispatch.lifecycle.text;
