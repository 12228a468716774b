package org.dealgraph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.Validation;

import org.dealgraph.dealfile.InvalidDealFileException;
import org.dealgraph.testing.RandomDealFiles;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based: random valid deal files are read as valid, and any single change that breaks one field is
 * rejected with exactly that field's path among the problems.
 */
class DealFilePropertiesTest {

    private final DealFileReader reader = new DealFileReader(Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator());

    @Provide
    Arbitrary<RandomDealFiles.File> files() {
        return RandomDealFiles.files();
    }

    @Property(tries = 200)
    void aValidFileIsRead(@ForAll("files") RandomDealFiles.File file) {
        var plan = reader.read("random.yaml", file.yaml());
        assertEquals(file.agreements().size(), plan.agreementCount());
    }

    @Property(tries = 300)
    void aSingleBrokenFieldIsNamed(@ForAll("files") RandomDealFiles.File file, @ForAll("index") int pick) {
        var mutations = RandomDealFiles.mutations(file);
        var mutation = mutations.get(Math.floorMod(pick, mutations.size()));
        var broken = mutation.apply(file.yaml());
        var problems = assertThrows(InvalidDealFileException.class, () -> reader.read("broken.yaml", broken), broken).problems();
        assertTrue(problems.stream().anyMatch(p -> p.path().equals(mutation.path())),
                () -> "expected " + mutation.path() + " among " + problems + " for\n" + broken);
    }

    @Provide
    Arbitrary<Integer> index() {
        return net.jqwik.api.Arbitraries.integers().between(0, 10_000);
    }
}
