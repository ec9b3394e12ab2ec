package org.sysmodels.presence.model.session;

import org.sysmodels.presence.model.presence.Presence;

/** A PRESENCE_UPDATE dispatch as sent to one session: its sequence number {@code s}, the presence, the guild (-1 for
 *  a friend). */
public record Dispatch(long seq, Presence presence, int via) {
}
