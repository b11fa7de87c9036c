using Affinity.Evaluation.Running;

namespace Affinity.Evaluation.Tuning;

/// <summary>One tried point: its options, the validation metric and the time it took.</summary>
/// <param name="Number">1-based trial number.</param>
/// <param name="Point">The point's coordinates (see <see cref="SearchParameter"/>).</param>
/// <param name="Values">Each parameter's value as written in tables, in space order.</param>
/// <param name="OptionsJson">The complete options the model was built with.</param>
/// <param name="Value">The validation metric (mean over the tuned splits); NaN when it could not be measured.</param>
/// <param name="FitSeconds">Training time, summed over the tuned splits.</param>
/// <param name="PredictSeconds">Measuring time, summed over the tuned splits.</param>
public sealed record TuningTrial(
    int Number,
    IReadOnlyList<double> Point,
    IReadOnlyList<string> Values,
    string OptionsJson,
    double Value,
    double FitSeconds,
    double PredictSeconds);

/// <summary>The outcome of a tuning run.</summary>
/// <param name="Protocol">The protocol's name.</param>
/// <param name="Dataset">The dataset's name.</param>
/// <param name="Model">The tuned model's name.</param>
/// <param name="Space">The search space, bound to the model's options.</param>
/// <param name="Strategy">The search strategy's name.</param>
/// <param name="Seed">The seed of the run.</param>
/// <param name="Metric">The optimised metric's canonical name.</param>
/// <param name="HigherIsBetter">Whether larger values of the metric are better.</param>
/// <param name="Validation">How each tuned split's validation part was made, one line per split.</param>
/// <param name="Trials">Every trial, in order.</param>
/// <param name="Best">The trial with the best finite validation value (the earliest of equals).</param>
/// <param name="Test">The best options (and the starting options, for comparison) measured once on the tuned split's test part, when asked for.</param>
public sealed record TuningReport(
    string Protocol,
    string Dataset,
    string Model,
    SearchSpace Space,
    string Strategy,
    int Seed,
    string Metric,
    bool HigherIsBetter,
    IReadOnlyList<string> Validation,
    IReadOnlyList<TuningTrial> Trials,
    TuningTrial Best,
    EvaluationReport? Test);
