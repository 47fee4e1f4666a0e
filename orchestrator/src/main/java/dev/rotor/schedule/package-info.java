/**
 * Fires scheduled plans with Quartz, resumes the runs of dead nodes, and serves the ops endpoints.
 */
@NullMarked
package dev.rotor.schedule;

import org.jspecify.annotations.NullMarked;
