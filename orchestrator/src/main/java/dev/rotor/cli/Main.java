package dev.rotor.cli;

public final class Main {
  public static void main(String[] args) {}
}
