import { expect } from 'chai';
import { bmi, bmiBand, bmiWithinLimits } from './bmi.js';

describe('BMI', () => {
  it('is worked out from pounds and feet', () => {
    expect(bmi(154, 5.75)).to.equal(22.7);
    expect(bmi(220, 6)).to.equal(29.8);
    expect(bmiBand(bmi(154, 5.75))).to.equal('healthy weight');
  });

  it('is worked out from kilograms and centimetres, as from the same person in pounds and feet', () => {
    expect(bmi(70, 175, 'metric')).to.equal(22.9);
    expect(bmi(69.85, 175.26, 'metric')).to.equal(bmi(154, 5.75));
    expect(bmiWithinLimits(70, 175, 'metric')).to.equal(22.9);
    // 175 read as feet, or 5.75 as centimetres, is outside the limits: no BMI.
    expect(bmiWithinLimits(70, 175, 'imperial')).to.equal(undefined);
    expect(bmiWithinLimits(154, 5.75, 'metric')).to.equal(undefined);
  });

  it('is given only for a weight and a height within the form limits', () => {
    expect(bmiWithinLimits(154, 5.75)).to.equal(22.7);
    // The examples: 99 ft gave "0.1 (underweight)", 5,000 lbs gave "806.9 (obese)".
    expect(bmiWithinLimits(154, 99)).to.equal(undefined);
    expect(bmiWithinLimits(5000, 5.75)).to.equal(undefined);
    expect(bmiWithinLimits(0, 5.75)).to.equal(undefined);
    expect(bmiWithinLimits(154, Number.NaN)).to.equal(undefined);
    expect(bmiWithinLimits(undefined, 5.75)).to.equal(undefined);
  });

  it('is given at the limits themselves', () => {
    expect(bmiWithinLimits(1, 1)).to.equal(bmi(1, 1));
    expect(bmiWithinLimits(1500, 9)).to.equal(bmi(1500, 9));
    expect(bmiWithinLimits(1500.1, 9)).to.equal(undefined);
    expect(bmiWithinLimits(1500, 9.01)).to.equal(undefined);
  });
});
