package org.leakdesk.infra;

/**
 * How hard password checking has worked since start.
 *
 * @param permits how many password hashes may be checked at once
 * @param running how many are being checked now
 * @param peak the most that were ever checked at once (never above {@code permits})
 * @param refusedBusy attempts answered "busy" because every permit stayed taken
 */
public record SignInLoad(int permits, int running, int peak, long refusedBusy) {}
