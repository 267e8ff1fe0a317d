import { expect } from 'chai';
import { ConfigError, servedOverHttps } from './gateway-config.js';

describe('gateway configuration', () => {
  it('sends cookies only over https when the public URL is https', () => {
    expect(servedOverHttps({ PATREC_PUBLIC_URL: 'https://ehr.example.org' })).to.equal(true);
    expect(servedOverHttps({ PATREC_PUBLIC_URL: 'http://127.0.0.1:3000' })).to.equal(false);
    expect(servedOverHttps({})).to.equal(false);
  });

  it('refuses a public URL that is no URL, saying what to set', () => {
    expect(() => servedOverHttps({ PATREC_PUBLIC_URL: 'ehr.example.org' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.contains('PATREC_PUBLIC_URL must be the URL people open PatRec at');
  });
});
