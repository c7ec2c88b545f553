package dev.slbcert.emulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Decides, call by call, which configured fault (if any) hits it. */
final class FaultInjector {
  private static final class Active {
    final FaultRule rule;
    final Random random;
    int remaining;

    Active(FaultRule rule) {
      this.rule = rule;
      this.random = new Random(rule.seed());
      this.remaining = rule.count();
    }
  }

  private final List<Active> rules = new ArrayList<>();

  synchronized void add(FaultRule rule) {
    rules.add(new Active(rule));
  }

  synchronized void clear() {
    rules.clear();
  }

  synchronized List<FaultRule> rules() {
    return rules.stream().map(a -> a.rule).toList();
  }

  synchronized Optional<FaultRule> next(String action) {
    for (Iterator<Active> it = rules.iterator(); it.hasNext(); ) {
      Active active = it.next();
      if (!active.rule.appliesTo(action)) {
        continue;
      }
      if (active.rule.probability() > 0) {
        if (active.random.nextDouble() < active.rule.probability()) {
          return Optional.of(active.rule);
        }
        continue;
      }
      if (active.remaining > 0) {
        if (--active.remaining == 0) {
          it.remove();
        }
        return Optional.of(active.rule);
      }
    }
    return Optional.empty();
  }
}
