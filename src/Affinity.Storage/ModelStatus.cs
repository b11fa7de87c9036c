namespace Affinity.Storage;

/// <summary>Where a model is in its life.</summary>
public enum ModelStatus
{
    /// <summary>A training job is producing it.</summary>
    Training,

    /// <summary>Trained and evaluated; can be activated.</summary>
    Ready,

    /// <summary>The one the service serves; at most one model has this status.</summary>
    Active,

    /// <summary>Training failed; never activated.</summary>
    Failed,

    /// <summary>Was active or ready and has been set aside; can be activated again.</summary>
    Retired,
}
