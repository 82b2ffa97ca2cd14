package dev.virtwire.cli;

/** A command that reads a fleet: it takes --connect more than once (every other command refuses that). */
interface ReadsSeveralHosts {
}
