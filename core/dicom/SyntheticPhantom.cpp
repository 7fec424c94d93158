#include "core/dicom/SyntheticPhantom.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <utility>

namespace lightbox {
namespace {

constexpr double kPi = std::numbers::pi;

// xorshift32: fast, deterministic noise; never seeded with 0.
class Noise
{
public:
    explicit Noise(uint32_t seed)
        : m_state(seed * 2654435761u + 0x9E3779B9u)
    {
        if (m_state == 0)
            m_state = 1;
    }
    /// Uniform in [-amplitude, amplitude].
    int next(int amplitude)
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        if (amplitude <= 0)
            return 0;
        return static_cast<int>(m_state % static_cast<uint32_t>(2 * amplitude + 1)) - amplitude;
    }

private:
    uint32_t m_state;
};

// Normalised image coordinates: u, v in [-0.5, 0.5), u to the right, v down.
double coord(int i, int size)
{
    return (i + 0.5) / size - 0.5;
}

// ((u-cu)/a)^2 + ((v-cv)/b)^2: below 1 inside the ellipse.
double ellipse(double u, double v, double cu, double cv, double a, double b)
{
    if (a <= 0 || b <= 0)
        return 2.0;
    const double x = (u - cu) / a;
    const double y = (v - cv) / b;
    return x * x + y * y;
}

bool inside(double u, double v, double cu, double cv, double a, double b)
{
    return ellipse(u, v, cu, cv, a, b) <= 1.0;
}

// Length of the chord through an ellipse (centre cu, half-width a, half-depth b) at offset u, normalised.
double chord(double u, double cu, double a, double b)
{
    if (a <= 0)
        return 0;
    const double x = (u - cu) / a;
    return std::abs(x) < 1.0 ? 2.0 * b * std::sqrt(1.0 - x * x) : 0.0;
}

template<typename T> T clampTo(double value, double low, double high)
{
    return static_cast<T>(std::lround(std::clamp(value, low, high)));
}

} // namespace

std::vector<int16_t> SyntheticPhantom::ctAxialHu(int size, double position, double zMillimetres, bool contrast,
                                                 int noiseHu, uint32_t seed)
{
    std::vector<int16_t> image(static_cast<size_t>(size) * static_cast<size_t>(size));
    Noise noise(seed);
    const double t = std::clamp(position, 0.0, 1.0);
    const double lungScale = 0.5 + 0.5 * std::sin(kPi * std::min(1.0, 0.15 + t));
    const double heartScale = t > 0.3 && t < 0.95 ? std::sin(kPi * (t - 0.3) / 0.65) : 0.0;
    const double liverScale = t > 0.72 ? std::min(1.0, (t - 0.72) / 0.2) : 0.0;
    const bool ribsHere = std::cos(2.0 * kPi * zMillimetres / 30.0) > 0.1;
    const double blood = contrast ? 230.0 : 40.0;
    static constexpr std::array<double, 10> ribAngles {-150, -125, -100, -75, -40, 40, 75, 100, 125, 150};
    std::array<std::pair<double, double>, ribAngles.size()> ribs {};
    for (size_t i = 0; i < ribAngles.size(); ++i) {
        const double a = ribAngles[i] * kPi / 180.0;
        ribs[i] = {0.355 * std::cos(a), 0.02 + 0.235 * std::sin(a)};
    }

    for (int y = 0; y < size; ++y) {
        const double v = coord(y, size);
        for (int x = 0; x < size; ++x) {
            const double u = coord(x, size);
            double hu = -1000.0;
            if (u * u + v * v > 0.25) {
                image[static_cast<size_t>(y) * size + x] = -3024;
                continue;
            }
            if (v > 0.33 && v < 0.345 && std::abs(u) < 0.42)
                hu = 150.0; // table
            if (inside(u, v, 0.0, 0.02, 0.40, 0.28))
                hu = -100.0; // subcutaneous fat
            if (inside(u, v, 0.0, 0.02, 0.37, 0.25))
                hu = 45.0; // muscle and soft tissue
            if (liverScale > 0 && inside(u, v, -0.12, 0.03, 0.2 * liverScale, 0.17 * liverScale))
                hu = contrast ? 110.0 : 60.0;
            for (const double side : {-1.0, 1.0}) {
                if (inside(u, v, side * 0.155, -0.01, 0.105 * lungScale, 0.17 * lungScale)) {
                    hu = -860.0;
                    if (std::sin(u * 61.0 + side) * std::sin(v * 57.0 + t * 7.0) > 0.93)
                        hu = -60.0; // pulmonary vessels
                }
            }
            if (heartScale > 0 && inside(u, v, 0.05, -0.04, 0.13 * heartScale, 0.11 * heartScale)) {
                hu = 45.0; // myocardium
                if (inside(u, v, 0.05, -0.04, 0.09 * heartScale, 0.075 * heartScale))
                    hu = blood;
            }
            if (inside(u, v, 0.04, 0.135, 0.025, 0.025))
                hu = blood; // descending aorta
            if (t > 0.12 && t < 0.4 && inside(u, v, 0.0, -0.07, 0.03, 0.03))
                hu = blood; // ascending aorta
            if (t <= 0.12 && inside(u, v, 0.02, 0.03, 0.03, 0.11))
                hu = blood; // aortic arch
            const double vertebra = ellipse(u, v, 0.0, 0.185, 0.045, 0.04);
            if (vertebra <= 1.0)
                hu = vertebra > 0.7 ? 900.0 : 260.0;
            if (inside(u, v, 0.0, 0.24, 0.017, 0.017))
                hu = 20.0; // spinal canal
            else if (inside(u, v, 0.0, 0.255, 0.04, 0.012))
                hu = 650.0; // posterior elements
            if (inside(u, v, 0.0, -0.235, 0.025, 0.012))
                hu = 500.0; // sternum
            if (ribsHere) {
                for (const auto &[ribU, ribV] : ribs)
                    if (inside(u, v, ribU, ribV, 0.013, 0.013))
                        hu = 750.0;
            }
            hu += noise.next(noiseHu);
            image[static_cast<size_t>(y) * size + x] = clampTo<int16_t>(hu, -3024.0, 3071.0);
        }
    }
    return image;
}

std::vector<int16_t> SyntheticPhantom::ctScoutHu(int size, uint32_t seed)
{
    std::vector<int16_t> image(static_cast<size_t>(size) * static_cast<size_t>(size));
    Noise noise(seed);
    for (int y = 0; y < size; ++y) {
        const double w = (y + 0.5) / size; // 0 neck .. 1 upper abdomen
        double halfWidth = 0.40;
        if (w < 0.1)
            halfWidth = 0.09;
        else if (w < 0.18)
            halfWidth = 0.09 + (w - 0.1) / 0.08 * 0.36;
        else if (w < 0.3)
            halfWidth = 0.45 - (w - 0.18) * 0.4;
        const double lungProfile = w > 0.17 && w < 0.72 ? std::sqrt(1.0 - std::pow((w - 0.44) / 0.28, 2)) : 0.0;
        const double heartProfile = w > 0.42 && w < 0.72 ? std::sin(kPi * (w - 0.42) / 0.3) : 0.0;
        for (int x = 0; x < size; ++x) {
            const double u = coord(x, size);
            double attenuation = chord(u, 0.0, halfWidth, 0.28);
            for (const double side : {-1.0, 1.0})
                attenuation -= 0.8 * chord(u, side * 0.16, 0.12 * lungProfile, 0.17 * lungProfile);
            attenuation += 0.2 * chord(u, 0.05, 0.14 * heartProfile, 0.11 * heartProfile);
            attenuation += 1.5 * chord(u, 0.0, 0.035, 0.05) * (1.0 + 0.25 * std::sin(2.0 * kPi * w * 18.0));
            if (lungProfile > 0 && std::abs(u) > 0.05 && std::abs(u) < halfWidth * 0.95
                && std::sin(2.0 * kPi * (w * 11.0 - 3.0 * u * u)) > 0.8)
                attenuation += 0.06; // ribs
            const double hu = -1000.0 + attenuation * 3000.0 + noise.next(12);
            image[static_cast<size_t>(y) * size + x] = clampTo<int16_t>(hu, -1024.0, 3071.0);
        }
    }
    return image;
}

std::vector<uint16_t> SyntheticPhantom::mrBrain(int size, double position, MrWeighting weighting, uint32_t seed)
{
    struct Tissues
    {
        double fat, bone, csf, grey, white, lesion, vitreous;
    };
    static constexpr Tissues t1 {900, 40, 180, 480, 700, 520, 150};
    static constexpr Tissues t2 {500, 40, 1500, 850, 560, 1300, 1400};
    static constexpr Tissues flair {600, 40, 90, 760, 520, 1100, 80};
    const Tissues &k = weighting == MrWeighting::T1 ? t1 : weighting == MrWeighting::T2 ? t2 : flair;

    std::vector<uint16_t> image(static_cast<size_t>(size) * static_cast<size_t>(size));
    Noise noise(seed);
    const double t = std::clamp(position, 0.0, 1.0);
    const double head = std::sqrt(std::max(0.0, 1.0 - std::pow((t - 0.3) / 0.78, 2)));
    const double a = 0.36 * head;
    const double b = 0.44 * head;
    const double ventricles = t > 0.35 && t < 0.7 ? std::sin(kPi * (t - 0.35) / 0.35) : 0.0;
    const bool lesionHere = t > 0.45 && t < 0.62;
    for (int y = 0; y < size; ++y) {
        const double v = coord(y, size);
        for (int x = 0; x < size; ++x) {
            const double u = coord(x, size);
            double value = 0.0;
            const double r = std::sqrt(ellipse(u, v, 0.0, 0.01, a, b));
            if (r <= 1.0) {
                const double theta = std::atan2(v - 0.01, u);
                const double greyEdge = 0.74 + 0.05 * std::sin(12.0 * theta + 5.0 * t);
                if (r > 0.95)
                    value = k.fat;
                else if (r > 0.89)
                    value = k.bone;
                else if (r > 0.86)
                    value = k.csf;
                else if (r > greyEdge)
                    value = k.grey;
                else
                    value = k.white;
                if (ventricles > 0) {
                    for (const double side : {-1.0, 1.0})
                        if (inside(u, v, side * 0.045, -0.02, 0.03 * ventricles, 0.12 * ventricles))
                            value = k.csf;
                    if (inside(u, v, 0.0, 0.03, 0.006, 0.04 * ventricles))
                        value = k.csf;
                }
                if (lesionHere && inside(u, v, 0.1, 0.06, 0.022, 0.018))
                    value = k.lesion;
            }
            if (t < 0.2) {
                for (const double side : {-1.0, 1.0}) {
                    if (inside(u, v, side * 0.12, -0.34 * head, 0.055, 0.05))
                        value = k.fat; // orbit
                    if (inside(u, v, side * 0.12, -0.35 * head, 0.038, 0.036))
                        value = k.vitreous; // globe
                }
            }
            value = value * (1.0 + 0.08 * v) + std::abs(noise.next(20)) + (value > 0 ? noise.next(15) : 0);
            image[static_cast<size_t>(y) * size + x] = clampTo<uint16_t>(value, 0.0, 4095.0);
        }
    }
    return image;
}

std::vector<uint16_t> SyntheticPhantom::crChestPa(int size, uint32_t seed)
{
    std::vector<uint16_t> image(static_cast<size_t>(size) * static_cast<size_t>(size));
    Noise noise(seed);
    for (int y = 0; y < size; ++y) {
        const double v = coord(y, size);
        double halfWidth = 0.43;
        if (v < -0.38)
            halfWidth = 0.09;
        else if (v < -0.3)
            halfWidth = 0.09 + (v + 0.38) / 0.08 * 0.36;
        for (int x = 0; x < size; ++x) {
            const double u = coord(x, size);
            double value = 200.0; // direct exposure
            if (std::abs(u) < halfWidth) {
                const double depth = std::sqrt(1.0 - std::pow(u / halfWidth, 2));
                value = 1400.0 + 1200.0 * depth;
                for (const double side : {-1.0, 1.0}) {
                    const double lung = ellipse(u, v, side * 0.17, -0.02, 0.13, 0.27);
                    if (lung < 1.0)
                        value -= 950.0 * std::sqrt(1.0 - lung);
                }
                const double heart = ellipse(u, v, 0.06, 0.12, 0.14, 0.12);
                if (heart < 1.0)
                    value += 550.0 * std::sqrt(1.0 - heart);
                if (std::abs(u) < 0.06 && v > -0.36 && v < 0.2)
                    value += 250.0; // mediastinum
                if (std::abs(u) < 0.035)
                    value += 250.0 + 80.0 * std::sin(2.0 * kPi * v * 22.0); // spine
                const double au = std::abs(u);
                if (au > 0.04 && au < 0.38 && v > -0.33 && v < 0.25) {
                    for (int rib = 0; rib < 10; ++rib) {
                        const double ribV = -0.28 + rib * 0.055 + 0.9 * (au - 0.05) * (au - 0.05);
                        if (std::abs(v - ribV) < 0.008)
                            value += 350.0;
                    }
                }
                if (au > 0.03 && au < 0.3 && std::abs(v - (-0.31 - 0.2 * (au - 0.05))) < 0.01)
                    value += 500.0; // clavicles
            }
            value += noise.next(30);
            image[static_cast<size_t>(y) * size + x] = clampTo<uint16_t>(value, 0.0, 4095.0);
        }
    }
    return image;
}

std::vector<uint8_t> SyntheticPhantom::xaFrame(int size, int frame, int frames, int view, uint32_t seed)
{
    struct Vessel
    {
        double x0, y0, cx, cy, x1, y1; // quadratic Bezier, normalised coordinates
        double width; // in units of the image size
        double delay; // fraction of the run before contrast reaches its start
    };
    static constexpr std::array<Vessel, 7> tree {{
        {-0.05, -0.30, 0.02, -0.20, 0.05, -0.12, 0.012, 0.00}, // left main
        {0.05, -0.12, 0.20, 0.05, 0.10, 0.38, 0.009, 0.05}, // LAD
        {0.05, -0.12, -0.15, -0.02, -0.30, 0.18, 0.008, 0.07}, // circumflex
        {0.14, 0.02, 0.25, 0.05, 0.32, 0.12, 0.005, 0.15}, // diagonal
        {0.12, 0.20, 0.05, 0.26, -0.02, 0.28, 0.004, 0.2}, // septal
        {-0.12, 0.00, -0.08, 0.12, -0.05, 0.25, 0.005, 0.18}, // obtuse marginal
        {-0.22, 0.09, -0.32, 0.12, -0.38, 0.05, 0.004, 0.22}, // distal marginal
    }};
    const double mirror = view == 0 ? 1.0 : -1.0;
    const double phase = 2.0 * kPi * frame / 12.0; // ~75 beats per minute at 15 frames/s
    const double shiftU = 0.012 * std::sin(phase);
    const double shiftV = 0.008 * std::cos(phase);
    const double progress = frames > 1 ? static_cast<double>(frame) / (frames - 1) : 1.0;
    const double fill = std::clamp((progress - 0.08) / 0.4, 0.0, 1.0);
    const double opacity = progress < 0.75 ? 1.0 : std::max(0.3, 1.0 - (progress - 0.75) * 2.8);

    std::vector<double> darkness(static_cast<size_t>(size) * static_cast<size_t>(size), 0.0);
    auto paint = [&](double u, double v, double radius, double strength) {
        const double cx = (u + 0.5) * size;
        const double cy = (v + 0.5) * size;
        const double r = std::max(0.7, radius * size);
        for (int y = static_cast<int>(cy - r); y <= static_cast<int>(cy + r) + 1; ++y) {
            for (int x = static_cast<int>(cx - r); x <= static_cast<int>(cx + r) + 1; ++x) {
                if (x < 0 || y < 0 || x >= size || y >= size)
                    continue;
                const double d2 = (x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy);
                if (d2 > r * r)
                    continue;
                double &cell = darkness[static_cast<size_t>(y) * size + x];
                cell = std::max(cell, strength * std::sqrt(1.0 - d2 / (r * r)));
            }
        }
    };
    const int steps = std::max(32, size * 2);
    for (int i = 0; i <= steps; ++i) { // catheter from below, always visible
        const double s = static_cast<double>(i) / steps;
        paint(mirror * (-0.05 - 0.1 * s * s) + shiftU * 0.3, -0.30 + 0.8 * s, 0.004, 45.0);
    }
    for (const Vessel &vessel : tree) {
        const double reach = std::clamp((fill - vessel.delay) / (1.0 - vessel.delay), 0.0, 1.0);
        for (int i = 0; i <= steps && reach > 0; ++i) {
            const double s = static_cast<double>(i) / steps;
            if (s > reach)
                break;
            const double m = 1.0 - s;
            const double u = m * m * vessel.x0 + 2 * m * s * vessel.cx + s * s * vessel.x1;
            const double v = m * m * vessel.y0 + 2 * m * s * vessel.cy + s * s * vessel.y1;
            paint(mirror * u + shiftU, v + shiftV, vessel.width * (1.0 - 0.4 * s), 95.0 * opacity);
        }
    }

    std::vector<uint8_t> image(darkness.size());
    Noise noise(seed + static_cast<uint32_t>(frame));
    for (int y = 0; y < size; ++y) {
        const double v = coord(y, size);
        for (int x = 0; x < size; ++x) {
            const double u = coord(x, size);
            const double r2 = u * u + v * v;
            double value = 0.0;
            if (r2 < 0.48 * 0.48) {
                value = 170.0 - 60.0 * r2;
                if (v > 0.25 + 0.1 * u * mirror)
                    value -= 30.0; // diaphragm
                if (inside(u, v, 0.05 * mirror + shiftU, 0.05 + shiftV, 0.3, 0.26))
                    value -= 15.0; // heart shadow
                if (std::abs(u - 0.2 * mirror) < 0.04)
                    value -= 20.0; // spine
                value -= darkness[static_cast<size_t>(y) * size + x];
                value += noise.next(5);
            }
            image[static_cast<size_t>(y) * size + x] = clampTo<uint8_t>(value, 0.0, 255.0);
        }
    }
    return image;
}

} // namespace lightbox
