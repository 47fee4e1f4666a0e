package dev.rotor.plan;

import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Selects the OIDC identity providers of a federation, discovered from Atlas when a run starts: all
 * of them, or those of some types, or those whose display name matches a glob.
 *
 * @param idpTypes never empty: both types when the plan names none
 * @param displayNameGlob a glob such as {@code prod-*}, or null for any name
 */
public record Selector(Set<IdpType> idpTypes, @Nullable String displayNameGlob) {

  public Selector {
    idpTypes = Set.copyOf(idpTypes);
  }

  /** Returns whether an identity provider of this type and name is selected. */
  public boolean matches(IdpType type, @Nullable String displayName) {
    return idpTypes.contains(type) && nameMatches(displayName);
  }

  private boolean nameMatches(@Nullable String displayName) {
    if (displayNameGlob == null) {
      return true;
    }
    return displayName != null && globPattern(displayNameGlob).matcher(displayName).matches();
  }

  /** Returns the regular expression of a glob: {@code *} any text, {@code ?} one character. */
  static Pattern globPattern(String glob) {
    var regex = new StringBuilder();
    for (String part : glob.split("(?=[*?])|(?<=[*?])")) {
      switch (part) {
        case "*" -> regex.append(".*");
        case "?" -> regex.append('.');
        default -> regex.append(Pattern.quote(part));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
