/** Plans: what to revoke, for which tenants, on what schedule, within what limits. */
@NullMarked
package dev.rotor.plan;

import org.jspecify.annotations.NullMarked;
